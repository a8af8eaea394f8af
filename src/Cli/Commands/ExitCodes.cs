namespace AgentFunctions.Cli.Commands;

/// <summary>
/// The exit codes of <c>agentfn</c> (documented in <c>docs/cli.md</c>): how a run ended for the commands that wait for one,
/// and what went wrong otherwise. The codes from 64 on follow BSD's <c>sysexits.h</c>.
/// </summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked; for a waited-for run: it succeeded.</summary>
    public const int Success = 0;

    /// <summary>The run failed (or, for <c>graphs validate</c> and <c>validate --wait</c>, something did not pass).</summary>
    public const int Failed = 1;

    /// <summary>The run was cancelled.</summary>
    public const int Cancelled = 2;

    /// <summary>The run waits for a human approval (<c>agentfn approve</c>).</summary>
    public const int AwaitingApproval = 3;

    /// <summary>The run had not ended when <c>--timeout</c> ran out.</summary>
    public const int TimedOut = 4;

    /// <summary>Usage error: the command line does not parse, or an <c>--input</c> or input file is malformed (EX_USAGE).</summary>
    public const int Usage = 64;

    /// <summary>The API refused the request as invalid: 400, 404, 409, 413, 422 or 429 problem details (EX_DATAERR).</summary>
    public const int Rejected = 65;

    /// <summary>The app could not be reached (connection refused, DNS, timeout) (EX_UNAVAILABLE).</summary>
    public const int Unavailable = 69;

    /// <summary>The app answered with a server error (5xx) (EX_SOFTWARE).</summary>
    public const int ServerError = 70;

    /// <summary>The API key is missing or invalid (401) or may not do this (403) (EX_NOPERM).</summary>
    public const int NoPermission = 77;

    /// <summary>Maps a run's wire status to the exit code of a command that waited for it.</summary>
    /// <param name="status">succeeded, failed, cancelled, awaiting_approval, or a status of a run that has not ended.</param>
    /// <returns>The exit code; <see cref="TimedOut"/> for a run that is still going.</returns>
    public static int ForRunStatus(string? status) => status switch
    {
        "succeeded" => Success,
        "failed" => Failed,
        "cancelled" => Cancelled,
        "awaiting_approval" => AwaitingApproval,
        _ => TimedOut,
    };
}
