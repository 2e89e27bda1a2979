using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace Preau.Web.Platform.Errors;

/// <summary>
/// The database is down or restarting: 503 with a Retry-After at once, for pages and the API alike, instead of the
/// error page (whose layout would ask the database again). The connection pool reconnects by itself when the database
/// is back, so the app recovers without a restart.
/// </summary>
internal sealed class DatabaseUnavailableHandler(IProblemDetailsService problems, ILogger<DatabaseUnavailableHandler> logger) : IExceptionHandler
{
    public const string Title = "Service momentanément indisponible";
    public const string Detail = "La base de données ne répond pas ; réessayez dans un instant. Rien de ce que vous aviez déjà enregistré n'est perdu.";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsDatabaseUnavailable(exception))
        {
            return false;
        }
        logger.LogWarning("Database unavailable on {Path} ({Error})", Telemetry.RequestLogScope.SafePath(httpContext), exception.GetBaseException().GetType().Name);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "5";
        if (!httpContext.Request.Path.StartsWithSegments("/api")
            && httpContext.Request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true))
        {
            httpContext.Response.ContentType = "text/html; charset=utf-8";
            await httpContext.Response.WriteAsync(
                $"<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>{Title}</title></head><body><main><h1>{Title}</h1><p>{Detail}</p></main></body></html>",
                cancellationToken);
            return true;
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = StatusCodes.Status503ServiceUnavailable, Title = Title, Detail = Detail },
            Exception = exception,
        });
    }

    /// <summary>A connection that could not be made or was cut (server down, shutting down, starting up), not a bad query.</summary>
    public static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg:
                    // Class 08: connection exception; 57P0x: admin/crash shutdown, cannot connect now; 53300: too many connections.
                    return pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P", StringComparison.Ordinal)
                        || pg.SqlState == "53300";
                case NpgsqlException npgsql when npgsql.IsTransient:
                case SocketException:
                case TimeoutException:
                    return true;
            }
        }
        return false;
    }
}
