using System.Text.RegularExpressions;

namespace AgentFunctions.Core.Safety.Injection;

/// <summary>
/// Heuristic prompt-injection rules over untrusted text (OWASP LLM01:2025 "Prompt Injection" — indirect injection through content the
/// model reads). Each rule is a case-insensitive pattern; the list is <see cref="Rules"/> and is documented in <c>docs/security.md</c>.
/// Heuristics catch the common phrasings, not a determined attacker: they complement spotlighting (<see cref="Spotlight"/>), which
/// marks all untrusted text as data whether or not a rule fires.
/// </summary>
public static class InjectionDetector
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(1);

    /// <summary>Gets the rules, in the order they are checked.</summary>
    public static IReadOnlyList<InjectionRule> Rules { get; } =
    [
        Rule("override-instructions", "asks to ignore, disregard or forget earlier instructions",
            @"\b(?:ignore|disregard|forget|override|bypass)\b[^.\n]{0,40}?\b(?:previous|prior|above|earlier|preceding|all|any|your|the|system)\b[^.\n]{0,20}?\b(?:instructions?|prompts?|rules|directions|guidelines|context)\b"),
        Rule("new-instructions", "announces new or updated instructions for the model",
            @"\b(?:new|updated|real|actual|true)\s+(?:system\s+)?instructions?\s*[:\-]|\bfrom\s+now\s+on\b[^.\n]{0,30}\b(?:you|ignore|respond|answer)\b"),
        Rule("role-reassignment", "tries to change who the model is",
            @"\byou\s+are\s+now\b|\bact\s+as\s+(?:an?\s+)?(?:unrestricted|jailbroken|different|new)\b|\b(?:developer|god|dan)\s+mode\b|\bdo\s+anything\s+now\b"),
        Rule("exfiltrate-secrets", "asks to print, reveal or send secrets, keys or the system prompt",
            @"\b(?:print|reveal|show|output|display|leak|send|tell\s+me|give\s+me|share|repeat|dump)\b[^.\n]{0,40}?\b(?:api[\s_-]?keys?|secrets?|passwords?|tokens?|credentials?|connection\s+strings?|private\s+keys?|system\s+prompt|environment\s+variables?)\b"),
        Rule("chat-markup", "carries chat-template role markers meant to open a new system or assistant turn",
            @"<\|(?:im_start|im_end|system|assistant|user|endoftext)\|>|^\s*(?:#{1,3}\s*)?(?:system|assistant)\s*:\s|\[/?INST\]|<</?SYS>>"),
        Rule("tool-coercion", "tells the model to call a tool or run a command on the text's behalf",
            @"\b(?:call|invoke|use|run|execute)\s+(?:the\s+)?(?:tool|function|command|shell)\b[^.\n]{0,40}?\b(?:now|immediately|without\s+asking|silently)\b|\bcurl\s+[^\s]+\s*\|\s*(?:ba)?sh\b"),
    ];

    /// <summary>Scans a text.</summary>
    /// <param name="source">Where the text came from (for the findings).</param>
    /// <param name="text">The text.</param>
    /// <returns>The findings, at most one per rule (its first match).</returns>
    public static IReadOnlyList<InjectionFinding> Scan(string source, string text)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(text);
        var findings = new List<InjectionFinding>();
        foreach (var rule in Rules)
        {
            try
            {
                if (rule.Pattern.Match(text) is { Success: true } m)
                {
                    findings.Add(new InjectionFinding(source, rule.Id, m.Index, m.Value.Length > 200 ? m.Value[..200] : m.Value));
                }
            }
            catch (RegexMatchTimeoutException)
            {
                findings.Add(new InjectionFinding(source, "scan-timeout", 0, "the text took more than 1 s to scan (a pathological input)"));
            }
        }

        return findings;
    }

    private static InjectionRule Rule(string id, string description, string pattern) =>
        new(id, description, new Regex(pattern, Options | RegexOptions.Multiline, s_timeout));
}
