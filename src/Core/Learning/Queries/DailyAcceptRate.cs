namespace AgentFunctions.Core.Learning.Queries;

/// <summary>The accept rate of one skill on one UTC day.</summary>
/// <param name="Day">The UTC day of the executions, <c>yyyy-MM-dd</c>.</param>
/// <param name="Executions">Executions recorded that day.</param>
/// <param name="Accepted">Those without a correction.</param>
/// <param name="AcceptRate">Accepted / executions, 0–1.</param>
public sealed record DailyAcceptRate(string Day, int Executions, int Accepted, double AcceptRate);
