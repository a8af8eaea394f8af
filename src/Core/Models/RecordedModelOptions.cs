namespace AgentFunctions.Core.Models;

/// <summary>Settings of the recorded provider.</summary>
public sealed class RecordedModelOptions
{
    /// <summary>Gets or sets the recordings folder (absolute, or relative to the content root); one JSON file per skill: <c>&lt;domain&gt;/&lt;skill&gt;.json</c>.</summary>
    public string Path { get; set; } = "examples/recordings";

    /// <summary>Gets or sets whether to replay or record.</summary>
    public RecordingMode Mode { get; set; } = RecordingMode.Replay;

    /// <summary>Gets or sets how long a replayed call waits before answering (default 0), to make concurrency visible in demos.</summary>
    public TimeSpan ReplayDelay { get; set; } = TimeSpan.Zero;
}
