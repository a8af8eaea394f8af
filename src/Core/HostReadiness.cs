namespace AgentFunctions.Core;

/// <summary>
/// What the host still waits for before it can serve runs (storage that does not answer yet, the Durable Task worker
/// starting), as <c>GET /api/health</c> and <c>GET /api/ready</c> report it; null when ready. Set by the host's startup, read by those endpoints.
/// </summary>
public sealed class HostReadiness
{
    private volatile string? _waiting = "starting";

    /// <summary>Gets what the host waits for, or null when it is ready.</summary>
    public string? Waiting => _waiting;

    /// <summary>Says what the host waits for now.</summary>
    /// <param name="reason">A sentence for the health endpoint.</param>
    public void WaitingFor(string reason) => _waiting = reason;

    /// <summary>Marks the host ready.</summary>
    public void Ready() => _waiting = null;
}
