using Microsoft.AspNetCore.Diagnostics;

namespace Preau.Web.Platform.Errors;

/// <summary>A broken business rule: 409 on the API, a form error on a page.</summary>
public sealed class RuleBrokenException(string message) : Exception(message);

/// <summary>One handler for the API: ProblemDetails for every error; pages get the error page.</summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!httpContext.Request.Path.StartsWithSegments("/api"))
        {
            return false;
        }
        var (status, title) = exception switch
        {
            RuleBrokenException => (StatusCodes.Status409Conflict, exception.Message),
            _ => (StatusCodes.Status500InternalServerError, "Une erreur inattendue s'est produite."),
        };
        if (status == StatusCodes.Status500InternalServerError)
        {
            logger.LogError(exception, "Unhandled API error on {Path}", Telemetry.RequestLogScope.SafePath(httpContext));
        }
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = status, Title = title },
            Exception = exception,
        });
    }
}
