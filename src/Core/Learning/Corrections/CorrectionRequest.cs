using System.Text.Json.Nodes;

namespace AgentFunctions.Core.Learning.Corrections;

/// <summary>What a person says was wrong with one skill execution.</summary>
/// <param name="Text">The correction in words: required, 3–4,000 characters after trimming.</param>
/// <param name="CorrectedOutput">The output the skill should have produced (JSON), or null when only words are given.</param>
/// <param name="By">Who made the correction (a user name or service), at most 200 characters; null when unknown.</param>
public sealed record CorrectionRequest(string Text, JsonNode? CorrectedOutput = null, string? By = null);
