namespace AgentFunctions.Core.Tools.Security;

/// <summary>What <see cref="SecurityScanner.Scan"/> found in a diff's added lines.</summary>
/// <param name="Findings">Every rule match, in diff order.</param>
/// <param name="FilesScanned">Files the diff touches.</param>
/// <param name="LinesScanned">Added lines inspected.</param>
public sealed record SecurityScanReport(IReadOnlyList<SecurityFinding> Findings, int FilesScanned, int LinesScanned)
{
    /// <summary>Gets a value indicating whether no finding is at or above a threshold.</summary>
    /// <param name="failOn">The lowest severity that fails; null never fails.</param>
    /// <returns>True when the scan passes.</returns>
    public bool Passes(SecuritySeverity? failOn) => failOn is null || Findings.All(f => f.Severity < failOn);
}
