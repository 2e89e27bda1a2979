using OpenTelemetry.Metrics;
using Preau.Web.Modules.Operations.Backups;
using Preau.Web.Modules.Operations.Health;
using Preau.Web.Modules.Operations.Metrics;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.Telemetry;

namespace Preau.Web.Modules.Operations;

/// <summary>Running the platform: backups and restore, health probes, metrics, and their admin pages.</summary>
internal static class OperationsModule
{
    public static void AddOperations(this WebApplicationBuilder builder)
    {
        var backups = builder.Configuration.GetSection("Preau:Backups").Get<BackupOptions>() ?? new BackupOptions();
        builder.Services.AddSingleton(backups);
        var folder = string.IsNullOrWhiteSpace(backups.Folder)
            ? Path.Combine(DataPaths.Root(builder.Configuration, builder.Environment), "backups")
            : Path.GetFullPath(backups.Folder, builder.Environment.ContentRootPath);
        builder.Services.AddSingleton(new BackupJournal(folder));
        builder.Services.AddSingleton<DatabaseDump>();
        builder.Services.AddScoped<BackupService>();
        builder.Services.AddSingleton<BackupRunner>();
        if (backups.Scheduled)
        {
            builder.Services.AddHostedService<BackupScheduler>();
        }

        // From the app's clock; built when the endpoints are mapped, i.e. at start.
        builder.Services.AddSingleton(sp => new Uptime(sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime));
        builder.Services.AddSingleton<QueueStats>();
        var metrics = builder.Configuration.GetSection("Preau:Metrics").Get<MetricsOptions>() ?? new MetricsOptions();
        builder.Services.AddSingleton(metrics);
        if (metrics.Enabled)
        {
            builder.Services.AddOpenTelemetry().WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddMeter(PreauMeter.Name)
                // .NET's own: memory, garbage collections and their pauses, the thread pool's queue (sizing an instance).
                .AddMeter("System.Runtime")
                .AddPrometheusExporter());
        }
    }

    public static void MapOperations(this WebApplication app)
    {
        _ = app.Services.GetRequiredService<Uptime>();
        HealthEndpoints.MapHealth(app);
        var metrics = app.Services.GetRequiredService<MetricsOptions>();
        if (!metrics.Enabled)
        {
            return;
        }
        // The gauges exist once their owner does.
        app.Services.GetRequiredService<QueueStats>();
        // Never public: behind the proxy only loopback (the scraper on the same host) or a configured network.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/metrics"), branch => branch.Use(async (context, next) =>
        {
            if (!metrics.Allows(context.Connection.RemoteIpAddress))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await next(context);
        }));
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
    }
}

/// <summary>When this process started, for the health page.</summary>
public sealed record Uptime(DateTime StartedAt);
