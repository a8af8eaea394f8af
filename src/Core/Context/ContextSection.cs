namespace AgentFunctions.Core.Context;

/// <summary>What part of the prompt a section is.</summary>
public enum ContextSectionKind
{
    /// <summary>A system-prompt layer (WORKSPACE.md, DOMAIN.md, the skill body); never dropped.</summary>
    System,

    /// <summary>The node's input (its <c>with:</c> arguments or the run inputs); never dropped.</summary>
    Input,

    /// <summary>The output of an upstream node.</summary>
    Upstream,

    /// <summary>A file read from a repository.</summary>
    File,
}

/// <summary>One section of an assembled prompt, before trimming.</summary>
/// <param name="Name">Stable name, e.g. <c>workspace</c>, <c>domain</c>, <c>skill</c>, <c>input</c>, <c>upstream:planner</c>, <c>file:answer/core.py</c>.</param>
/// <param name="Kind">What the section is.</param>
/// <param name="Content">The text that goes into the prompt.</param>
/// <param name="Priority">Higher is kept longer; sections are dropped lowest priority first (ties: later sections first).</param>
public sealed record ContextSection(string Name, ContextSectionKind Kind, string Content, int Priority)
{
    /// <summary>Gets the tokens of <see cref="Content"/> in <c>o200k_base</c> (see <see cref="TokenCounter"/>).</summary>
    public int TokenEstimate => TokenCounter.Count(Content);

    /// <summary>Gets whether the section may be dropped when the prompt is over budget.</summary>
    public bool Droppable => Kind is ContextSectionKind.Upstream or ContextSectionKind.File;

    /// <summary>
    /// Gets the section's content as items that may be trimmed one by one when the prompt is over budget (an upstream output,
    /// or each element of an upstream array such as a <c>for_each</c> fan-in), or null when the section is kept or dropped whole.
    /// When set, <see cref="Content"/> equals <see cref="ContextItems.Render()"/>.
    /// </summary>
    public ContextItems? Items { get; init; }

    /// <summary>
    /// Gets the text this section contributes to the recorded-response key instead of <see cref="Content"/>, or null to use
    /// <see cref="Content"/> (see <see cref="PromptAssembler.InputKey"/>).
    /// </summary>
    public string? KeyContent { get; init; }
}
