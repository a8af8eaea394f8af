using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AgentFunctions.Core.Models.Routing;

/// <summary>
/// Responses of earlier calls in memory, keyed by a SHA-256 of the cache scope, the requested model or tier, the messages
/// and the options (output limit, temperature, JSON); at most a fixed number of entries, least recently used evicted first.
/// </summary>
internal sealed class ResponseCache(int maxEntries)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<(string Key, ModelCallResult Result)>> _index = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, ModelCallResult Result)> _lru = new();

    /// <summary>Computes the key of a call.</summary>
    /// <param name="plan">The plan (its requested model or tier is part of the key).</param>
    /// <param name="request">The request.</param>
    /// <returns>The key (hex).</returns>
    public static string KeyOf(ModelPlan plan, ModelCallRequest request)
    {
        var json = JsonSerializer.Serialize(new
        {
            scope = request.CacheScope,
            model = plan.Requested,
            messages = request.Messages.Select(m => new[] { m.Role.Value, m.Text }),
            max = request.MaxOutputTokens,
            temperature = request.Temperature,
            json = request.JsonOutput,
        });
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
    }

    /// <summary>Looks a call up.</summary>
    /// <param name="key">The key.</param>
    /// <param name="result">The stored result.</param>
    /// <returns>True on a hit.</returns>
    public bool TryGet(string key, out ModelCallResult result)
    {
        lock (_lock)
        {
            if (_index.TryGetValue(key, out var node))
            {
                _lru.Remove(node);
                _lru.AddFirst(node);
                result = node.Value.Result;
                return true;
            }

            result = null!;
            return false;
        }
    }

    /// <summary>Stores a result, evicting the least recently used entry when full.</summary>
    /// <param name="key">The key.</param>
    /// <param name="result">The result.</param>
    public void Add(string key, ModelCallResult result)
    {
        lock (_lock)
        {
            if (_index.Remove(key, out var existing))
            {
                _lru.Remove(existing);
            }

            _index[key] = _lru.AddFirst((key, result));
            while (_index.Count > maxEntries && _lru.Last is { } last)
            {
                _lru.RemoveLast();
                _index.Remove(last.Value.Key);
            }
        }
    }
}
