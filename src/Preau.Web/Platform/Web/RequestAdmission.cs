using System.Threading.RateLimiting;
using Preau.Web.Platform.Telemetry;

namespace Preau.Web.Platform.Web;

/// <summary>
/// At most <c>Preau:Http:MaxConcurrentRequests</c> requests are worked on at once; the others wait their turn, oldest
/// first, without holding a thread or a database connection. On two cores, a thousand requests worked on together all
/// slow down together: each of their queries queued again for a pooled connection, a PostgreSQL server had hundreds of
/// backends, and the evening-peak benchmark collapsed to a sixth of its throughput with answers after 15 s and 503s
/// (bench/README, ADR 0017). Queued requests cost a few hundred bytes each, so this is a queue, not a quota: nobody is
/// turned away unless <c>Preau:Http:MaxQueuedRequests</c> are already waiting (then 503 with Retry-After).
/// Health probes, metrics and live connections (SignalR) never wait.
/// </summary>
internal sealed class RequestAdmission : IAsyncDisposable
{
    private readonly ConcurrencyLimiter _limiter;

    public RequestAdmission(IConfiguration configuration)
    {
        var permits = configuration.GetValue("Preau:Http:MaxConcurrentRequests", 0);
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = permits > 0 ? permits : Math.Max(8, Environment.ProcessorCount * 8),
            QueueLimit = Math.Max(0, configuration.GetValue("Preau:Http:MaxQueuedRequests", 20_000)),
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (Bypasses(context))
        {
            await next(context);
            return;
        }
        var lease = _limiter.AttemptAcquire();
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            PreauMeter.QueuedRequests.Add(1);
            try
            {
                lease = await _limiter.AcquireAsync(1, context.RequestAborted);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // The person left while waiting: nothing to answer.
                return;
            }
            finally
            {
                PreauMeter.QueuedRequests.Add(-1);
            }
        }
        using (lease)
        {
            if (!lease.IsAcquired)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = "5";
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync("Préau est très sollicité en ce moment : réessayez dans quelques secondes.", context.RequestAborted);
                return;
            }
            await next(context);
        }
    }

    // Static files are served before this middleware; probes must answer even when the queue is long. Live connections
    // (SignalR hubs under /hubs: WebSockets, server-sent events, long polling) last as long as the page is open: holding
    // a permit each, a few dozen open pages would leave none for anybody's next request.
    private static bool Bypasses(HttpContext context) =>
        context.WebSockets.IsWebSocketRequest
        || context.Request.Path.StartsWithSegments("/hubs")
        || context.Request.Path.StartsWithSegments("/healthz") || context.Request.Path.StartsWithSegments("/readyz")
        || context.Request.Path.StartsWithSegments("/metrics");

    public ValueTask DisposeAsync() => _limiter.DisposeAsync();
}

internal static class RequestAdmissionExtensions
{
    public static IServiceCollection AddRequestAdmission(this IServiceCollection services) => services.AddSingleton<RequestAdmission>();

    public static IApplicationBuilder UseRequestAdmission(this IApplicationBuilder app)
    {
        var admission = app.ApplicationServices.GetRequiredService<RequestAdmission>();
        return app.Use(next => context => admission.InvokeAsync(context, next));
    }
}
