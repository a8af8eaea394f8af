using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Playwright;

namespace AgentFunctions.Functions.Tests.Dashboard;

/// <summary>
/// One browser context on the dashboard: every request the page makes is recorded, and any to a host other than 127.0.0.1 is
/// aborted and kept in <see cref="ForeignRequests"/>. A script added before the page loads records every <c>data-status</c>
/// a DAG node shows, in order (from the mutation records, so two changes between two observer callbacks are both seen).
/// </summary>
public sealed class DashboardSession(IBrowserContext context, IPage page, Uri app) : IAsyncDisposable
{
    private const string Recorder = """
        (() => {
          window.__transitions = [];
          const push = (el, status) => window.__transitions.push({ run: location.hash, node: el.getAttribute('data-node'), status });
          new MutationObserver((records) => {
            const seen = new Map();
            records.forEach((r, i) => {
              if (r.type === 'childList') {
                r.addedNodes.forEach((n) => n.querySelectorAll && [n, ...n.querySelectorAll('[data-testid=dag-node]')]
                  .filter((e) => e.getAttribute && e.getAttribute('data-testid') === 'dag-node').forEach((e) => push(e, e.getAttribute('data-status'))));
              } else if (r.target.getAttribute('data-testid') === 'dag-node') {
                // The value this record changed to is the next record's old value on the same node, or the current one.
                const next = records.slice(i + 1).find((x) => x.type === 'attributes' && x.target === r.target);
                push(r.target, next ? next.oldValue : r.target.getAttribute('data-status'));
              }
            });
          }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'], attributeOldValue: true });
        })();
        """;

    /// <summary>Gets the page.</summary>
    public IPage Page { get; } = page;

    /// <summary>Gets every URL the page requested.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Gets the requests to another host than 127.0.0.1 (aborted).</summary>
    public ConcurrentQueue<string> ForeignRequests { get; } = new();

    /// <summary>Gets the page's script errors and console errors.</summary>
    public ConcurrentQueue<string> Errors { get; } = new();

    /// <summary>Gets the dashboard's address.</summary>
    public string Dashboard { get; } = new Uri(app, "api/dashboard/").ToString();

    internal async Task StartAsync(string key)
    {
        await context.RouteAsync("**/*", async route =>
        {
            var url = route.Request.Url;
            Requests.Enqueue(url);
            if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme is "data" or "blob" || uri.Host == "127.0.0.1"))
            {
                await route.ContinueAsync();
            }
            else
            {
                ForeignRequests.Enqueue(url);
                await route.AbortAsync();
            }
        });
        Page.PageError += (_, error) => Errors.Enqueue(error);
        Page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Errors.Enqueue(message.Text);
            }
        };
        await Page.AddInitScriptAsync(Recorder);
        await Page.GotoAsync(Dashboard);
        await Page.GetByTestId("key-input").FillAsync(key);
        await Page.GetByTestId("key-save").ClickAsync();
        await Page.GetByTestId("runs-page").WaitForAsync();
    }

    /// <summary>Goes to a dashboard page (the part after <c>#</c>).</summary>
    /// <param name="hash">Such as <c>/runs/run-…</c>.</param>
    /// <returns>A task that completes when the address changed.</returns>
    public Task GoAsync(string hash) => Page.EvaluateAsync($"location.hash = {JsonSerializer.Serialize(hash)}");

    /// <summary>Waits for an element; on a timeout, fails with the page's text, its errors and a screenshot (<c>failed-NAME.png</c>).</summary>
    /// <param name="selector">The CSS selector.</param>
    /// <param name="name">A name for the screenshot.</param>
    /// <returns>A task that completes when the element is visible.</returns>
    public async Task WaitForAsync(string selector, string name)
    {
        try
        {
            await Page.Locator(selector).First.WaitForAsync(new() { Timeout = 180_000 });
        }
        catch (TimeoutException ex)
        {
            var shot = await ScreenshotAsync("failed-" + name);
            var text = await Page.Locator("main").InnerTextAsync();
            throw new TimeoutException($"{selector} did not appear within 3 minutes ({shot}). Page errors: {string.Join(" | ", Errors)}\nPage:\n{text[..Math.Min(3000, text.Length)]}", ex);
        }
    }

    /// <summary>Writes a full-page screenshot to <c>artifacts/test-results/screenshots/NAME.png</c>.</summary>
    /// <param name="name">The file name without extension.</param>
    /// <returns>The file's path.</returns>
    public async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(DashboardFixture.Screenshots, name + ".png");
        await Page.ScreenshotAsync(new() { Path = path, FullPage = true });
        return path;
    }

    /// <summary>Gets the node statuses the page showed for a run, in the order it showed them (repeats removed).</summary>
    /// <param name="runId">The run.</param>
    /// <returns>(node, status) pairs.</returns>
    public async Task<IReadOnlyList<(string Node, string Status)>> TransitionsAsync(string runId)
    {
        var all = await Page.EvaluateAsync<JsonElement>("window.__transitions");
        var list = new List<(string, string)>();
        var last = new Dictionary<string, string>();
        foreach (var t in all.EnumerateArray().Where(t => t.GetProperty("run").GetString() == $"#/runs/{runId}"))
        {
            var (node, status) = (t.GetProperty("node").GetString()!, t.GetProperty("status").GetString()!);
            if (!last.TryGetValue(node, out var before) || before != status)
            {
                last[node] = status;
                list.Add((node, status));
            }
        }

        return list;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await context.CloseAsync();
}
