using System.Collections;
using Microsoft.Extensions.Options;

namespace Preau.Web.Platform.Telemetry;

/// <summary>Paths whose last part is a secret (a calendar feed's token): modules add their prefix when they map such a route.</summary>
public sealed class SecretPathOptions
{
    public List<string> Prefixes { get; } = [];
}

/// <summary>
/// The request's log scope (RequestId, RequestPath), written with every line of the request, with the secret part of a
/// path masked. ASP.NET Core's own scope carries the raw path: a calendar application polling its private feed would
/// put the feed's token into any warning or error logged during that request, and logs are read by more people than
/// may read a class's agenda. The framework's scope is turned off (it exists only while the
/// "Microsoft.AspNetCore.Hosting.Diagnostics" category is enabled; <see cref="AddRequestLogScope"/> disables it) and
/// this one replaces it, with the same property names so that existing log queries keep working.
/// </summary>
public static class RequestLogScope
{
    public const string Masked = "***";

    public static void AddRequestLogScope(this WebApplicationBuilder builder)
    {
        // Only that category: "Request starting/finished" are Information and were already below the Warning level of
        // Microsoft.AspNetCore; unhandled exceptions are logged by the exception handler's own category.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        builder.Services.AddOptions<SecretPathOptions>();
    }

    public static IApplicationBuilder UseRequestLogScope(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Preau.Web.Request");
        var prefixes = app.Services.GetRequiredService<IOptions<SecretPathOptions>>().Value.Prefixes.ToArray();
        return app.Use(async (context, next) =>
        {
            using (logger.BeginScope(new Scope(context.TraceIdentifier, SafePath(context.Request.Path, prefixes))))
            {
                await next(context);
            }
        });
    }

    /// <summary>The request's path as it may be logged: what follows a secret prefix is masked.</summary>
    public static string SafePath(HttpContext context) =>
        SafePath(context.Request.Path, context.RequestServices.GetRequiredService<IOptions<SecretPathOptions>>().Value.Prefixes);

    private static string SafePath(PathString path, IReadOnlyList<string> prefixes)
    {
        var value = path.Value ?? "";
        foreach (var prefix in prefixes)
        {
            if (value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return value[..prefix.Length] + Masked;
            }
        }
        return value;
    }

    /// <summary>Key/value pairs for structured formatters (JSON), text for the simple one.</summary>
    private sealed class Scope(string requestId, string requestPath) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => 2;

        public KeyValuePair<string, object?> this[int index] => index switch
        {
            0 => new("RequestId", requestId),
            1 => new("RequestPath", requestPath),
            _ => throw new ArgumentOutOfRangeException(nameof(index)),
        };

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            yield return this[0];
            yield return this[1];
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"RequestPath:{requestPath} RequestId:{requestId}";
    }
}
