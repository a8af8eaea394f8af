using System.Text.Json.Nodes;
using AgentFunctions.Core.Tools;
using AgentFunctions.Core.Tools.Security;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentFunctions.Core.Tests.Tools;

public sealed class SecurityScanToolTests
{
    // AKIAIOSFODNN7EXAMPLE is the example key id from AWS's documentation, not a real key.
    private static readonly string s_dangerous = SamplePatches.CoreDiff(
        "-    return 41",
        "+    key_id = \"AKIAIOSFODNN7EXAMPLE\"",
        "+    return eval(\"6 * 7\")");

    private static readonly string s_removedAndContextOnly = SamplePatches.Lines(
        "diff --git a/answer/legacy.py b/answer/legacy.py",
        "--- a/answer/legacy.py",
        "+++ b/answer/legacy.py",
        "@@ -1,3 +1,3 @@",
        " value = eval(\"1 + 1\")",
        "-KEY = \"AKIAIOSFODNN7EXAMPLE\"",
        "+KEY = os.environ[\"KEY\"]",
        " print(value)");

    private readonly SecurityScanTool _tool = new(NullLogger<SecurityScanTool>.Instance);

    [Fact]
    public async Task ExecuteAsync_AddedEvalAndAwsKey_FailsWithFileAndLine()
    {
        var result = await ScanAsync(s_dangerous);

        Assert.False(result.Succeeded);
        Assert.False((bool)result.Output["passed"]!);
        var findings = Findings(result);
        var aws = Assert.Single(findings, f => (string)f["rule"]! == "secret.aws-access-key-id");
        Assert.Equal("answer/core.py", (string)aws["file"]!);
        Assert.Equal(9, (int)aws["line"]!);
        Assert.Equal("high", (string)aws["severity"]!);
        Assert.DoesNotContain("AKIAIOSFODNN7EXAMPLE", (string)aws["text"]!, StringComparison.Ordinal);
        var eval = Assert.Single(findings, f => (string)f["rule"]! == "code.eval");
        Assert.Equal(10, (int)eval["line"]!);
        Assert.Equal("return eval(\"6 * 7\")", (string)eval["text"]!);
        Assert.Equal(2, (int)result.Output["lines_scanned"]!);
        Assert.Equal(1, (int)result.Output["files_scanned"]!);
        Assert.Contains("code.eval at answer/core.py:10", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_EvalAndKeyOnlyInRemovedOrContextLines_Passes()
    {
        var result = await ScanAsync(s_removedAndContextOnly);

        Assert.True(result.Succeeded, result.Error);
        Assert.Empty(Findings(result));
        Assert.Equal(1, (int)result.Output["lines_scanned"]!);
    }

    [Fact]
    public async Task ExecuteAsync_RecordedFixPatch_PassesClean()
    {
        var result = await ScanAsync(ToolSandbox.Patch(SamplePatches.FixAnswer) + ToolSandbox.Patch(SamplePatches.AddTypeTest));

        Assert.True(result.Succeeded, result.Error);
        Assert.True((bool)result.Output["passed"]!);
        Assert.Empty(Findings(result));
        Assert.Equal(2, (int)result.Output["files_scanned"]!);
    }

    [Fact]
    public async Task ExecuteAsync_MediumFindingWithDefaultThreshold_ReportsButPasses()
    {
        var diff = SamplePatches.Lines("--- a/web/app.js", "+++ b/web/app.js", "@@ -20,0 +21,1 @@", "+target.innerHTML = data.answer;");

        var lenient = await ScanAsync(diff);
        var strict = await ScanAsync(diff, "medium");

        Assert.True(lenient.Succeeded);
        Assert.Equal("js.inner-html", (string)Assert.Single(Findings(lenient))["rule"]!);
        Assert.Equal(21, (int)Findings(lenient)[0]["line"]!);
        Assert.False(strict.Succeeded);
    }

    [Fact]
    public async Task ExecuteAsync_FailOnNone_NeverFails()
    {
        var result = await ScanAsync(s_dangerous, "none");

        Assert.True(result.Succeeded);
        Assert.Equal(2, Findings(result).Count);
    }

    [Fact]
    public async Task ExecuteAsync_UnknownFailOn_ThrowsArgumentError()
    {
        var error = await Assert.ThrowsAsync<ToolArgumentException>(() => ScanAsync(s_dangerous, "critical"));

        Assert.Equal("fail_on", error.Argument);
    }

    [Theory]
    [InlineData("x.py", "os.system('rm -rf ' + path)", "python.os-system")]
    [InlineData("x.py", "subprocess.run(cmd, shell=True)", "python.subprocess-shell")]
    [InlineData("x.py", "data = pickle.loads(blob)", "python.pickle-load")]
    [InlineData("x.py", "cfg = yaml.load(text)", "python.yaml-load")]
    [InlineData("x.py", "exec(source)", "python.exec")]
    [InlineData("x.js", "const f = new Function('a', body);", "js.new-function")]
    [InlineData("x.py", "password = \"hunter22\"", "secret.hardcoded-credential")]
    [InlineData("x.txt", "-----BEGIN RSA PRIVATE KEY-----", "secret.private-key")]
    [InlineData("x.env", "GH=ghp_0123456789abcdefghijABCDEFGHIJ012345", "secret.github-token")]
    [InlineData("x.env", "OPENAI=sk-proj-abcdefghijklmnopqrstuvwx", "secret.openai-key")]
    public void Scan_DangerousLine_MatchesRule(string file, string line, string rule)
    {
        var report = SecurityScanner.Scan(SamplePatches.Lines($"--- a/{file}", $"+++ b/{file}", "@@ -0,0 +1,1 @@", "+" + line));

        Assert.Contains(report.Findings, f => f.Rule == rule);
    }

    [Theory]
    [InlineData("x.py", "value = ast.literal_eval(text)")]
    [InlineData("x.py", "model.eval()")]
    [InlineData("x.py", "cursor.execute(query)")]
    [InlineData("x.py", "cfg = yaml.load(text, Loader=yaml.SafeLoader)")]
    [InlineData("x.js", "const m = /a/.exec(s);")]
    [InlineData("x.js", "target.textContent = String(data.answer);")]
    [InlineData("x.py", "password = os.environ[\"PASSWORD\"]")]
    [InlineData("README.md", "Never call eval( on input.")]
    public void Scan_SafeLine_NoFinding(string file, string line)
    {
        var report = SecurityScanner.Scan(SamplePatches.Lines($"--- a/{file}", $"+++ b/{file}", "@@ -0,0 +1,1 @@", "+" + line));

        Assert.Empty(report.Findings);
    }

    private static List<JsonObject> Findings(ToolResult result) =>
        [.. ((JsonArray)result.Output["findings"]!).Select(f => f!.AsObject())];

    private Task<ToolResult> ScanAsync(string patch, string? failOn = null)
    {
        var arguments = new JsonObject { ["patch"] = patch };
        if (failOn is not null)
        {
            arguments["fail_on"] = failOn;
        }

        return _tool.ExecuteAsync(ToolSandbox.Invocation(arguments, "security"), default);
    }
}
