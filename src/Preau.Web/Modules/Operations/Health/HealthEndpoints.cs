using System.Diagnostics;
using Preau.Web.Platform.Data;
using StackExchange.Redis;

namespace Preau.Web.Modules.Operations.Health;

/// <summary>
/// <c>/healthz</c>: the process answers (liveness; a restart is the cure, so it never depends on the database).
/// <c>/readyz</c>: the database (and Redis, when several instances share it) answers within <see cref="Timeout"/>
/// (readiness; the proxy stops sending requests).
/// </summary>
public static class HealthEndpoints
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    internal static void MapHealth(WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Text("ok")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/readyz", async (PreauDbContext db, IServiceProvider services, CancellationToken ct) =>
        {
            var probe = await ProbeDatabaseAsync(db, ct);
            if (!probe.Reachable)
            {
                return Results.Problem(title: "Base de données injoignable", detail: "La base de données ne répond pas ; réessayez dans un instant.",
                    statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            if (services.GetService<IConnectionMultiplexer>() is { } redis && !(await ProbeRedisAsync(redis)).Reachable)
            {
                return Results.Problem(title: "Redis injoignable", detail: "Redis (partagé par les instances) ne répond pas ; réessayez dans un instant.",
                    statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            return Results.Text("ok");
        }).AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>Redis answers a PING within <see cref="Timeout"/>.</summary>
    public static async Task<DatabaseProbe> ProbeRedisAsync(IConnectionMultiplexer redis)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await redis.GetDatabase().PingAsync().WaitAsync(Timeout);
            return new DatabaseProbe(true, Stopwatch.GetElapsedTime(started));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return new DatabaseProbe(false, Stopwatch.GetElapsedTime(started));
        }
    }

    public sealed record DatabaseProbe(bool Reachable, TimeSpan Latency);

    public static async Task<DatabaseProbe> ProbeDatabaseAsync(PreauDbContext db, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var reachable = await db.Database.CanConnectAsync(timeout.Token);
            return new DatabaseProbe(reachable, Stopwatch.GetElapsedTime(started));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return new DatabaseProbe(false, Stopwatch.GetElapsedTime(started));
        }
    }
}
