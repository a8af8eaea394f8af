using System.Text;

namespace AgentFunctions.Core.Tools.Processes;

/// <summary>Collects text read from a stream, keeping only the last characters up to a limit.</summary>
internal sealed class OutputTail
{
    private readonly int _maxChars;
    private readonly StringBuilder _buffer = new();

    public OutputTail(int maxChars) => _maxChars = maxChars;

    public bool Truncated { get; private set; }

    /// <summary>Reads the stream to its end; returns early without error if the stream is closed under it.</summary>
    public async Task PumpAsync(StreamReader reader)
    {
        var chunk = new char[4096];
        try
        {
            int read;
            while ((read = await reader.ReadAsync(chunk.AsMemory())) > 0)
            {
                Append(chunk.AsSpan(0, read));
            }
        }
        catch (ObjectDisposedException)
        {
            // The process was disposed while a grandchild still held the pipe open; keep what was read.
        }
        catch (IOException)
        {
            // The pipe broke when the process tree was killed; keep what was read.
        }
    }

    public override string ToString()
    {
        lock (_buffer)
        {
            return _buffer.Length <= _maxChars ? _buffer.ToString() : _buffer.ToString(_buffer.Length - _maxChars, _maxChars);
        }
    }

    private void Append(ReadOnlySpan<char> text)
    {
        lock (_buffer)
        {
            _buffer.Append(text);
            if (_buffer.Length > 2 * _maxChars)
            {
                _buffer.Remove(0, _buffer.Length - _maxChars);
                Truncated = true;
            }
            else if (_buffer.Length > _maxChars)
            {
                Truncated = true;
            }
        }
    }
}
