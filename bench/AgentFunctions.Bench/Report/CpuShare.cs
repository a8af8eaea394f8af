using System.Globalization;

namespace AgentFunctions.Bench.Report;

/// <summary>
/// How much of the machine's CPU time other processes used while the harness ran: busy time of all CPUs
/// (<c>/proc/stat</c>) minus the CPU time of this process and its reaped children — Azurite and the Node processes
/// (<c>/proc/self/stat</c> utime + stime + cutime + cstime). Linux only; null elsewhere.
/// </summary>
internal sealed record CpuShare(long MachineBusyTicks, long OwnTicks, DateTimeOffset At)
{
    private const double TicksPerSecond = 100; // USER_HZ

    public static CpuShare? Read()
    {
        if (!File.Exists("/proc/stat") || !File.Exists("/proc/self/stat"))
        {
            return null;
        }

        var cpu = File.ReadLines("/proc/stat").First(l => l.StartsWith("cpu ", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToList();
        var busy = cpu.Sum() - cpu[3] - cpu[4]; // everything but idle and iowait (guest time is already in user)
        var self = File.ReadAllText("/proc/self/stat");
        var fields = self[(self.LastIndexOf(')') + 2)..].Split(' '); // fields after "(comm)", starting at field 3 (state)
        var own = Enumerable.Range(11, 4).Sum(i => long.Parse(fields[i], CultureInfo.InvariantCulture)); // utime, stime, cutime, cstime (fields 14–17)
        return new CpuShare(busy, own, DateTimeOffset.UtcNow);
    }

    /// <summary>The share (0–1) of all cores' time between two readings that other processes used.</summary>
    public static double? OthersBetween(CpuShare? start, CpuShare? end, int cores)
    {
        if (start is null || end is null)
        {
            return null;
        }

        var capacity = (end.At - start.At).TotalSeconds * TicksPerSecond * cores;
        var others = (end.MachineBusyTicks - start.MachineBusyTicks) - (end.OwnTicks - start.OwnTicks);
        return capacity <= 0 ? null : Math.Clamp(others / capacity, 0, 1);
    }

    /// <summary>The share (0–1) of all cores' time between two readings that the whole machine was busy.</summary>
    public static double? BusyBetween(CpuShare? start, CpuShare? end, int cores)
    {
        if (start is null || end is null)
        {
            return null;
        }

        var capacity = (end.At - start.At).TotalSeconds * TicksPerSecond * cores;
        return capacity <= 0 ? null : Math.Clamp((end.MachineBusyTicks - start.MachineBusyTicks) / capacity, 0, 1);
    }
}
