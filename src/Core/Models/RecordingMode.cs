namespace AgentFunctions.Core.Models;

/// <summary>How the recorded provider behaves.</summary>
public enum RecordingMode
{
    /// <summary>Replay stored responses; fail clearly when none matches.</summary>
    Replay,

    /// <summary>Call the live model and store each response in the recordings folder (requires a live endpoint).</summary>
    Record,
}
