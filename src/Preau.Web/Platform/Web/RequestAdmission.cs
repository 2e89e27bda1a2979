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
            PermitLimit = permits > 0 ? permits : DefaultPermits(Environment.ProcessorCount),
            QueueLimit = Math.Max(0, configuration.GetValue("Preau:Http:MaxQueuedRequests", 20_000)),
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    // Two per core: with the database on the same machine, more requests at once only share the same cores, and each
    // one's answer waits for all the others' work (the evening mix's p99 was 1.8 times its median with 16 permits on two
    // cores, 1.4-1.6 times with 4; ADR 0017). A deployment whose database is on another machine, where a request
    // spends more of its time waiting for it, can raise Preau:Http:MaxConcurrentRequests.
    internal static int DefaultPermits(int processors) => Math.Max(4, processors * 2);

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
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "5";
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("Préau est très sollicité en ce moment : réessayez dans quelques secondes.", context.RequestAborted);
            return;
        }
        // The permit covers the work, not the sending: it is given back as soon as the answer starts (a page is
        // rendered into a buffer before it starts; a file's access is checked before its bytes go). A photo or a PDF
        // sent to a phone on a slow network then holds no permit, which lets the permits be few.
        var permit = new Permit(lease);
        context.Response.OnStarting(static state =>
        {
            ((Permit)state).Release();
            return Task.CompletedTask;
        }, permit);
        try
        {
            await next(context);
        }
        finally
        {
            permit.Release();
        }
    }

    /// <summary>The lease given back once, whichever comes first: the answer starting or the request ending.</summary>
    private sealed class Permit(RateLimitLease lease)
    {
        private int _released;

        public void Release()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                lease.Dispose();
            }
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
