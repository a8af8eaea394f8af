using AgentFunctions.Core.Orchestration;
using Microsoft.AspNetCore.Http;

namespace AgentFunctions.Functions.Http;

/// <summary>The problem details of the input limits (<c>Limits:*</c>) and of a domain's concurrent-run cap.</summary>
internal static class RunLimitProblems
{
    /// <summary>Seconds a caller is told to wait before asking again when a domain is full.</summary>
    public const int RetryAfterSeconds = 30;

    /// <summary>413: the inputs are too large.</summary>
    /// <param name="big">The outcome.</param>
    /// <returns>The problem.</returns>
    public static IResult InputTooLarge(RunInputTooLarge big) =>
        Problems.Result(413, "input-too-large", "The inputs are too large.",
            $"The inputs are {big.Bytes:N0} bytes as JSON; the limit is {big.Limit:N0} bytes (Limits:MaxInputBytes).");

    /// <summary>429 with <c>Retry-After</c>: the domain has its most concurrent runs.</summary>
    /// <param name="request">The request (its response gets the header).</param>
    /// <param name="full">The outcome.</param>
    /// <returns>The problem.</returns>
    public static IResult CapReached(HttpRequest request, DomainRunCapReached full)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Problems.Result(429, "domain-run-cap", "The domain runs as many runs as it may.", CapMessage(full));
    }

    /// <summary>Says which domain is full, its cap and the runs that hold it.</summary>
    /// <param name="full">The outcome.</param>
    /// <returns>One sentence.</returns>
    public static string CapMessage(DomainRunCapReached full)
    {
        ArgumentNullException.ThrowIfNull(full);
        return $"Domain '{full.Domain}' already has {full.ActiveRuns.Count} pending or running run(s) ({string.Join(", ", full.ActiveRuns.Take(10))}); its limits.max_concurrent_runs is {full.Cap}. Try again when one ends.";
    }
}
