namespace AgentFunctions.Core.Orchestration.FaultInjection;

/// <summary>Thrown by an armed <see cref="CrashPoints"/> to simulate the process dying at a step boundary (tests only).</summary>
public sealed class SimulatedCrashException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="point">The point reached.</param>
    /// <param name="hit">Which hit of the point crashed (from 1), or 0 when the process had already crashed earlier.</param>
    /// <param name="first">The crash that killed the process, when this is a later hit.</param>
    public SimulatedCrashException(string point, int hit, SimulatedCrashException? first)
        : base(first is null ? $"Simulated crash at {point} (hit {hit})." : $"Simulated process already crashed at {first.Point}; {point} is not reached.", first)
    {
        Point = point;
        HitNumber = hit;
    }

    /// <summary>Gets the point reached.</summary>
    public string Point { get; }

    /// <summary>Gets which hit of the point crashed (from 1), or 0 when the process had already crashed at another point.</summary>
    public int HitNumber { get; }
}
