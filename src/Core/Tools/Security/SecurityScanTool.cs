using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace AgentFunctions.Core.Tools.Security;

/// <summary>
/// <c>security.scan</c>: inspects the lines a patch adds for secrets and dangerous calls (<see cref="SecurityRules"/>)
/// and fails when a finding is at or above <c>fail_on</c>.
/// </summary>
/// <remarks>
/// Arguments: <c>patch</c> (required unified diff; empty scans nothing), <c>fail_on</c> (<c>high</c> default,
/// <c>medium</c>, <c>low</c> or <c>none</c>). Output: <c>{findings: [{rule, severity, file, line, text}],
/// files_scanned, lines_scanned, passed, fail_on}</c>; severities are lower-case.
/// </remarks>
public sealed class SecurityScanTool : ITool
{
    /// <summary>The tool name graphs use.</summary>
    public const string ToolName = "security.scan";

    private readonly ILogger<SecurityScanTool> _logger;

    /// <summary>Creates the tool.</summary>
    /// <param name="logger">Logs the number of findings per scan.</param>
    public SecurityScanTool(ILogger<SecurityScanTool> logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
    }

    /// <inheritdoc/>
    public string Name => ToolName;

    /// <inheritdoc/>
    public string Description => "Scans the lines a patch adds for secrets and dangerous calls (eval, shell=True, pickle, innerHTML, ...).";

    /// <inheritdoc/>
    public IReadOnlyList<string> RequiredArguments { get; } = ["patch"];

    /// <inheritdoc/>
    public IReadOnlyList<string> KnownArguments { get; } = ["patch", "fail_on"];

    /// <inheritdoc/>
    public Task<ToolResult> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var patch = ToolArguments.GetRequiredString(invocation.Arguments, ToolName, "patch", allowEmpty: true);
        var failOnText = ToolArguments.GetOptionalString(invocation.Arguments, ToolName, "fail_on") ?? "high";
        SecuritySeverity? failOn = failOnText.Trim().ToUpperInvariant() switch
        {
            "HIGH" => SecuritySeverity.High,
            "MEDIUM" => SecuritySeverity.Medium,
            "LOW" => SecuritySeverity.Low,
            "NONE" => null,
            _ => throw new ToolArgumentException(ToolName, "fail_on", $"must be high, medium, low or none, not '{failOnText}'."),
        };

        var report = SecurityScanner.Scan(patch);
        var passed = report.Passes(failOn);
        _logger.SecurityScanned(invocation.RunId, invocation.NodeId, report.Findings.Count, report.LinesScanned);
        var findings = new JsonArray();
        foreach (var finding in report.Findings)
        {
            findings.Add(new JsonObject
            {
                ["rule"] = finding.Rule,
                ["severity"] = SeverityName(finding.Severity),
                ["file"] = finding.File,
                ["line"] = finding.Line,
                ["text"] = finding.Text,
            });
        }

        var output = new JsonObject
        {
            ["findings"] = findings,
            ["files_scanned"] = report.FilesScanned,
            ["lines_scanned"] = report.LinesScanned,
            ["passed"] = passed,
            ["fail_on"] = failOn is { } level ? SeverityName(level) : "none",
        };
        var error = passed ? null : $"{report.Findings.Count(f => f.Severity >= failOn)} finding(s) at or above '{SeverityName(failOn!.Value)}': " +
            string.Join("; ", report.Findings.Where(f => f.Severity >= failOn).Take(5).Select(f => $"{f.Rule} at {f.File}:{f.Line}"));
        return Task.FromResult(new ToolResult(passed, output, error));
    }

    private static string SeverityName(SecuritySeverity severity) => severity.ToString().ToLowerInvariant();
}
