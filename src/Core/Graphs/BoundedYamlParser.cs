using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace AgentFunctions.Core.Graphs;

/// <summary>
/// Passes a YAML parser's events through, throwing a <see cref="YamlLimitException"/> at the first event that breaks a
/// <see cref="YamlLimits"/> limit: a mapping or sequence nested deeper than <see cref="YamlLimits.MaxDepth"/>, more than
/// <see cref="YamlLimits.MaxValues"/> values, or an alias inside its own anchor (a cycle). An alias (<c>*name</c>) counts
/// as the values and levels of the anchored node it repeats, so a few lines of aliases cannot expand into billions of
/// values. Uses a fixed amount of stack whatever the input.
/// </summary>
/// <param name="inner">The parser to read from.</param>
internal sealed class BoundedYamlParser(IParser inner) : IParser
{
    private readonly Stack<Open> _open = new();
    private readonly Dictionary<string, Anchored> _anchors = new(StringComparer.Ordinal);
    private long _values;

    /// <inheritdoc/>
    public ParsingEvent? Current => inner.Current;

    /// <inheritdoc/>
    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        switch (inner.Current)
        {
            case MappingStart or SequenceStart:
                var start = (NodeEvent)inner.Current;
                Count(1, _open.Count + 1, start.Start);
                _open.Push(new Open(start.Anchor.IsEmpty ? null : start.Anchor.Value, _values - 1, _open.Count + 1));
                break;
            case MappingEnd or SequenceEnd:
                Close();
                break;
            case Scalar scalar:
                Count(1, _open.Count, scalar.Start);
                if (!scalar.Anchor.IsEmpty)
                {
                    _anchors[scalar.Anchor.Value] = new Anchored(1, 0);
                }

                break;
            case AnchorAlias alias:
                Repeat(alias);
                break;
        }

        return true;
    }

    private void Close()
    {
        var closed = _open.Pop();
        if (_open.TryPeek(out var parent))
        {
            parent.Deepest = Math.Max(parent.Deepest, closed.Deepest);
        }

        if (closed.Anchor is { } anchor)
        {
            _anchors[anchor] = new Anchored(_values - closed.ValuesBefore, closed.Deepest - closed.Depth + 1);
        }
    }

    private void Repeat(AnchorAlias alias)
    {
        var name = alias.Value.Value;
        if (_open.Any(o => o.Anchor == name))
        {
            throw new YamlLimitException(
                GraphErrorCodes.YamlAlias,
                alias.Start,
                $"the alias '*{name}' is inside the node anchored '&{name}' it repeats, which makes an endless value.");
        }

        if (_anchors.TryGetValue(name, out var anchored))
        {
            Count(anchored.Values, _open.Count + anchored.Levels, alias.Start);
        }
    }

    /// <summary>Counts <paramref name="values"/> more values reaching <paramref name="depth"/> levels, at <paramref name="at"/>.</summary>
    private void Count(long values, int depth, Mark at)
    {
        _values += values;
        if (depth > YamlLimits.MaxDepth)
        {
            throw new YamlLimitException(
                GraphErrorCodes.TooDeep,
                at,
                string.Create(CultureInfo.InvariantCulture, $"mappings and sequences nest more than {YamlLimits.MaxDepth} levels deep here (aliases included); the limit is {YamlLimits.MaxDepth}."));
        }

        if (_values > YamlLimits.MaxValues)
        {
            throw new YamlLimitException(
                GraphErrorCodes.TooLarge,
                at,
                string.Create(CultureInfo.InvariantCulture, $"the YAML holds more than {YamlLimits.MaxValues:N0} values by here (aliases expanded); the limit is {YamlLimits.MaxValues:N0}."));
        }

        if (_open.TryPeek(out var parent))
        {
            parent.Deepest = Math.Max(parent.Deepest, depth);
        }
    }

    /// <summary>An open mapping or sequence: its anchor, the values counted before it, its level and the deepest level inside it.</summary>
    private sealed class Open(string? anchor, long valuesBefore, int depth)
    {
        public string? Anchor { get; } = anchor;

        public long ValuesBefore { get; } = valuesBefore;

        public int Depth { get; } = depth;

        public int Deepest { get; set; } = depth;
    }

    /// <summary>What an anchored node expands to: its values and its levels (0 for a scalar).</summary>
    private readonly record struct Anchored(long Values, int Levels);
}
