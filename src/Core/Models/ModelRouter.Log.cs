using Microsoft.Extensions.Logging;

namespace AgentFunctions.Core.Models;

/// <content>Logging.</content>
public sealed partial class ModelRouter
{
    [LoggerMessage(EventId = 500, Level = LogLevel.Warning, Message = "Model {Model} ({Provider}): {Outcome} after {DurationMs} ms; falling back: {FallBack}. {Error}")]
    private static partial void LogAttemptFailed(ILogger logger, string model, string provider, string outcome, long durationMs, bool fallBack, string error);

    [LoggerMessage(EventId = 501, Level = LogLevel.Information, Message = "Model {Model} refused by the budget gate: {Reason}")]
    private static partial void LogRefused(ILogger logger, string model, string reason);

    [LoggerMessage(EventId = 502, Level = LogLevel.Debug, Message = "Response cache hit in {Scope}: {Model}")]
    private static partial void LogCacheHit(ILogger logger, string scope, string model);
}
