using System.Text.RegularExpressions;

namespace AgentFunctions.Core.Tools.Security;

/// <summary>
/// The rules <c>security.scan</c> applies to each added line, as one table. Secret patterns follow the formats the
/// providers publish (AWS access key ids, PEM private keys, GitHub and OpenAI tokens); dangerous-call rules follow the
/// Bandit (Python) and ESLint security plugins' lists, keeping the calls that run or load attacker-controlled text.
/// </summary>
public static class SecurityRules
{
    private static readonly string[] s_python = [".py"];
    private static readonly string[] s_javaScript = [".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx", ".html", ".htm"];
    private static readonly string[] s_code = [.. s_python, .. s_javaScript];

    /// <summary>Gets every rule, in the order findings are reported for one line.</summary>
    public static IReadOnlyList<SecurityRule> All { get; } =
    [
        // An AWS access key id: AKIA (long-term) or ASIA (temporary) and 16 upper-case letters or digits.
        Secret("secret.aws-access-key-id", @"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b", "AWS access key id."),

        // The first line of a PEM or OpenSSH private key block.
        Secret("secret.private-key", @"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----", "Private key block."),

        // GitHub personal, OAuth, user-to-server, server-to-server and refresh tokens, and fine-grained PATs.
        Secret("secret.github-token", @"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b", "GitHub token."),

        // OpenAI-style API keys: sk-, sk-proj-, sk-svcacct-, sk-admin- and at least 20 key characters.
        Secret("secret.openai-key", @"\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{20,}", "OpenAI-style API key."),

        // A credential-like name assigned a string literal of 4+ characters: password = "hunter22", api_key: 'abc1'.
        Secret(
            "secret.hardcoded-credential",
            @"(?i)\b[\w.\-]*(?:password|passwd|secret|api[_\-]?key|access[_\-]?key|auth[_\-]?token|token)[\w\-]*[""']?\s*[:=]\s*[""'][^""'\s$<{][^""'\s]{3,}[""']",
            "Credential assigned a literal value."),

        // eval( in Python or JavaScript (not literal_eval, not obj.eval as in model.eval()).
        Call("code.eval", SecuritySeverity.High, @"(?<![\w.$])eval\s*\(", "eval() runs a string as code.", s_code),

        // exec( in Python (not cursor.execute, not regex.exec in JavaScript).
        Call("python.exec", SecuritySeverity.High, @"(?<![\w.])exec\s*\(", "exec() runs a string as code.", s_python),

        // os.system( and os.popen( pass their argument to a shell.
        Call("python.os-system", SecuritySeverity.High, @"\bos\.(?:system|popen)\s*\(", "os.system()/os.popen() run a shell command.", s_python),

        // subprocess with shell=True (matched on the keyword so multi-line calls are caught).
        Call("python.subprocess-shell", SecuritySeverity.High, @"\bshell\s*=\s*True\b", "subprocess with shell=True runs a shell command.", s_python),

        // pickle.load(s)/cPickle/dill: unpickling untrusted bytes runs code.
        Call("python.pickle-load", SecuritySeverity.Medium, @"\b(?:c?[Pp]ickle|dill)\.loads?\s*\(", "Unpickling untrusted data runs code.", s_python),

        // yaml.load( without SafeLoader/CSafeLoader on the same line.
        Call("python.yaml-load", SecuritySeverity.Medium, @"\byaml\.load\s*\((?![^)]*C?SafeLoader)", "yaml.load without SafeLoader can build arbitrary objects.", s_python),

        // new Function( in JavaScript compiles a string into a function.
        Call("js.new-function", SecuritySeverity.High, @"\bnew\s+Function\s*\(", "new Function() runs a string as code.", s_javaScript),

        // element.innerHTML = / outerHTML = (not ==): HTML injection when the value is untrusted.
        Call("js.inner-html", SecuritySeverity.Medium, @"\.(?:inner|outer)HTML\s*(?:\+)?=(?!=)", "Assigning innerHTML/outerHTML allows HTML injection.", s_javaScript),
    ];

    private static SecurityRule Secret(string id, string pattern, string description) =>
        new(id, SecuritySeverity.High, Compile(pattern), description, IsSecret: true, []);

    private static SecurityRule Call(string id, SecuritySeverity severity, string pattern, string description, string[] extensions) =>
        new(id, severity, Compile(pattern), description, IsSecret: false, extensions);

    private static Regex Compile(string pattern) =>
        new(pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromSeconds(1));
}
