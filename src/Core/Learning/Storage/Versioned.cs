namespace AgentFunctions.Core.Learning.Storage;

/// <summary>A value read from the knowledge table with the ETag that guards its next update.</summary>
/// <typeparam name="T">The value type.</typeparam>
/// <param name="Value">The value.</param>
/// <param name="ETag">The entity's ETag.</param>
internal sealed record Versioned<T>(T Value, Azure.ETag ETag);
