namespace AgentFunctions.Core.Learning.RegressionTests;

/// <summary>A field of a skill's input or output that a correction's text may name, with what is known of its values.</summary>
/// <param name="Source"><see cref="AssertionCondition.Input"/> or <see cref="AssertionCondition.Output"/>.</param>
/// <param name="Path">JSON pointer (RFC 6901), such as <c>/recommendation</c>.</param>
/// <param name="Name">The property name, such as <c>recommendation</c>.</param>
/// <param name="Kind"><c>number</c>, <c>string</c>, <c>boolean</c> or <c>other</c>.</param>
/// <param name="Enum">The string values the output_schema allows (its <c>enum</c> or <c>const</c>); empty when unknown.</param>
internal sealed record SkillField(string Source, string Path, string Name, string Kind, IReadOnlyList<string> Enum);
