namespace AgentFunctions.Core.Tools;

/// <summary>Thrown by a tool when an argument in <c>with:</c> is missing or has the wrong shape.</summary>
public sealed class ToolArgumentException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="toolName">The tool, such as <c>tests.run</c>.</param>
    /// <param name="argument">The argument name.</param>
    /// <param name="message">What is wrong with it.</param>
    public ToolArgumentException(string toolName, string argument, string message)
        : base($"Tool '{toolName}', argument '{argument}': {message}")
    {
        ToolName = toolName;
        Argument = argument;
    }

    /// <summary>Gets the tool name.</summary>
    public string ToolName { get; }

    /// <summary>Gets the argument name.</summary>
    public string Argument { get; }
}
