namespace AgentFunctions.Core.Tools.Processes;

/// <summary>Thrown when a command is not on <see cref="SandboxOptions.EffectiveAllowedCommands"/> (see <see cref="SandboxCommands"/>).</summary>
public sealed class CommandNotAllowedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="command">The program that was refused.</param>
    /// <param name="message">Why, from <see cref="SandboxCommands.Refusal"/>.</param>
    public CommandNotAllowedException(string command, string message)
        : base(message)
    {
        Command = command;
    }

    /// <summary>Gets the program that was refused, as the command named it.</summary>
    public string Command { get; }
}
