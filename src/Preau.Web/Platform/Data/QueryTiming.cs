using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Preau.Web.Platform.Data;

/// <summary>Queries run for one request and the time the database took, when query timing is on.</summary>
public sealed class RequestDbStats
{
    private int _count;
    private long _ticks;

    public int Count => _count;

    public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

    internal void Add(TimeSpan duration)
    {
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _ticks, duration.Ticks);
    }
}

/// <summary>
/// Counts the commands of the request it runs in. One singleton instance is attached to every context so that EF keeps
/// one internal service provider; it does nothing when the request carries no <see cref="RequestDbStats"/>.
/// Every command, request or background job, also feeds the <c>preau.db.*</c> metrics.
/// </summary>
internal sealed class QueryCountingInterceptor(IHttpContextAccessor http) : DbCommandInterceptor
{
    private RequestDbStats? Stats => http.HttpContext?.Features.Get<RequestDbStats>();

    private void Record(TimeSpan duration)
    {
        Stats?.Add(duration);
        Telemetry.PreauMeter.DbCommands.Add(1);
        Telemetry.PreauMeter.DbDuration.Record(duration.TotalSeconds);
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Record(eventData.Duration);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Record(eventData.Duration);
        return ValueTask.FromResult(result);
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Record(eventData.Duration);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Record(eventData.Duration);
        return ValueTask.FromResult(result);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Record(eventData.Duration);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Record(eventData.Duration);
        return ValueTask.FromResult(result);
    }
}

/// <summary>
/// With <c>Preau:Diagnostics:ServerTiming</c> on (benchmarks, tests, development), every response says how many queries
/// it ran and how long the database and the whole request took, in a standard <c>Server-Timing</c> header that the
/// browser's developer tools and the benchmark harness read. Off in production: it tells an outsider about the server.
/// </summary>
internal static class QueryTiming
{
    public const string Header = "Server-Timing";

    public static IApplicationBuilder UseQueryTiming(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Preau:Diagnostics:ServerTiming", app.Environment.IsDevelopment()))
        {
            return app;
        }
        return app.Use(async (context, next) =>
        {
            var stats = new RequestDbStats();
            var started = Stopwatch.GetTimestamp();
            context.Features.Set(stats);
            context.Response.OnStarting(() =>
            {
                var total = Stopwatch.GetElapsedTime(started);
                context.Response.Headers.Append(Header, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"db;desc=\"{stats.Count} queries\";dur={stats.Elapsed.TotalMilliseconds:0.0}, app;dur={total.TotalMilliseconds:0.0}"));
                return Task.CompletedTask;
            });
            await next(context);
        });
    }

    /// <summary>The query count of a response's Server-Timing header, or null when the header is absent.</summary>
    public static int? QueryCount(string? serverTiming)
    {
        if (serverTiming is null)
        {
            return null;
        }
        var start = serverTiming.IndexOf("db;desc=\"", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }
        start += "db;desc=\"".Length;
        var end = serverTiming.IndexOf(' ', start);
        return end > start && int.TryParse(serverTiming.AsSpan(start, end - start), System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
    }
}
