using System.Collections.Concurrent;
using System.Text.Json;

namespace AgentFunctions.Core.Models.Recorded;

/// <summary>
/// Reads and appends recorded model responses stored as JSON files, one per skill: <c>&lt;root&gt;/&lt;domain&gt;/&lt;skill&gt;.json</c>.
/// Files are read once and cached; appends rewrite the file under a lock.
/// </summary>
public sealed class RecordingStore : IDisposable
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { WriteIndented = true, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
    private readonly ConcurrentDictionary<string, RecordingFile> _cache = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    /// <summary>Creates a store over a folder.</summary>
    /// <param name="root">The recordings folder (need not exist until something is recorded).</param>
    public RecordingStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = root;
    }

    /// <summary>Gets the recordings folder.</summary>
    public string Root { get; }

    /// <summary>Gets the file that holds a skill's recordings.</summary>
    /// <param name="skillId">The skill id <c>domain/skill</c>.</param>
    /// <returns>The file path.</returns>
    public string FileFor(string skillId) => Path.Combine(Root, skillId.Replace('/', Path.DirectorySeparatorChar) + ".json");

    /// <summary>Finds the recorded response for a skill and input.</summary>
    /// <param name="skillId">The skill id.</param>
    /// <param name="inputKey">The input key.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The response, or null when none is stored.</returns>
    /// <exception cref="JsonException">The recordings file is not valid JSON.</exception>
    public async Task<RecordedResponse?> FindAsync(string skillId, string inputKey, CancellationToken cancellationToken = default)
    {
        var file = await LoadAsync(skillId, cancellationToken);
        return file.Responses.LastOrDefault(r => string.Equals(r.InputKey, inputKey, StringComparison.Ordinal));
    }

    /// <summary>Counts the recorded responses of a skill.</summary>
    /// <param name="skillId">The skill id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The count.</returns>
    public async Task<int> CountAsync(string skillId, CancellationToken cancellationToken = default) =>
        (await LoadAsync(skillId, cancellationToken)).Responses.Count;

    /// <summary>Stores a response, replacing any earlier one with the same input key.</summary>
    /// <param name="skillId">The skill id.</param>
    /// <param name="response">The response.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the file is written.</returns>
    public async Task AppendAsync(string skillId, RecordedResponse response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            _cache.TryRemove(skillId, out _);
            var current = await LoadAsync(skillId, cancellationToken);
            var responses = current.Responses.Where(r => r.InputKey != response.InputKey).Append(response).ToList();
            var updated = new RecordingFile(skillId, responses);
            var path = FileFor(skillId);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(updated, s_json) + "\n", cancellationToken);
            _cache[skillId] = updated;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task<RecordingFile> LoadAsync(string skillId, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(skillId, out var cached))
        {
            return cached;
        }

        var path = FileFor(skillId);
        RecordingFile file;
        if (File.Exists(path))
        {
            await using var stream = File.OpenRead(path);
            file = await JsonSerializer.DeserializeAsync<RecordingFile>(stream, s_json, cancellationToken)
                ?? new RecordingFile(skillId, []);
        }
        else
        {
            file = new RecordingFile(skillId, []);
        }

        return _cache.GetOrAdd(skillId, file);
    }

    /// <inheritdoc/>
    public void Dispose() => _writeLock.Dispose();
}
