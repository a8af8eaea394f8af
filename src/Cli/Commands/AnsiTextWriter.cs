using System.Text;
using Spectre.Console;

namespace AgentFunctions.Cli.Commands;

/// <summary>
/// A <see cref="TextWriter"/> that writes whole lines through a Spectre.Console console, as plain text (no markup), so lines
/// written while a live display is shown appear above it instead of tearing it.
/// </summary>
/// <param name="console">The console.</param>
public sealed class AnsiTextWriter(IAnsiConsole console) : TextWriter
{
    private readonly StringBuilder _line = new();

    /// <inheritdoc/>
    public override Encoding Encoding => Encoding.UTF8;

    /// <inheritdoc/>
    public override void Write(char value)
    {
        if (value == '\n')
        {
            console.WriteLine(_line.ToString().TrimEnd('\r'));
            _line.Clear();
        }
        else
        {
            _line.Append(value);
        }
    }

    /// <inheritdoc/>
    public override void Write(string? value)
    {
        foreach (var c in value ?? string.Empty)
        {
            Write(c);
        }
    }

    /// <inheritdoc/>
    public override void WriteLine(string? value) => Write((value ?? string.Empty) + "\n");

    /// <inheritdoc/>
    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }
}
