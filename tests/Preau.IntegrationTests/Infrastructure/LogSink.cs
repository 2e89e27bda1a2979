using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Preau.IntegrationTests.Infrastructure;

/// <summary>
/// Keeps every log line the application writes, with its structured values and its scopes (as a console formatter
/// with scopes writes them), so tests can check what leaks into logs.
/// </summary>
public sealed class LogSink : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _errors = new();
    // One per host using this sink (a test's WithWebHostBuilder makes another): scopes live in an AsyncLocal, so the
    // providers of the other hosts simply have none in the current flow.
    private readonly ConcurrentBag<IExternalScopeProvider> _scopes = [];

    public IReadOnlyCollection<string> Lines => _lines;

    /// <summary>The lines logged at Error or above, in order (a subset of <see cref="Lines"/>).</summary>
    public IReadOnlyCollection<string> Errors => _errors;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines, _errors, _scopes);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes.Add(scopeProvider);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines, ConcurrentQueue<string> errors, ConcurrentBag<IExternalScopeProvider> scopes) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            var scoped = new List<string>();
            foreach (var provider in scopes)
            {
                provider.ForEachScope((scope, list) => list.Add(scope is IEnumerable<KeyValuePair<string, object?>> kv
                    ? string.Join(";", kv.Select(p => $"{p.Key}={p.Value}")) : scope?.ToString() ?? ""), scoped);
            }
            var line = $"{category}|{formatter(state, exception)}|{values}|{exception}|{string.Join(" ", scoped)}";
            lines.Enqueue(line);
            if (logLevel >= LogLevel.Error)
            {
                errors.Enqueue(line);
            }
        }
    }
}
