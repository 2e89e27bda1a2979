using System.Security.Claims;
using Preau.Web.Modules.UsageStats.Contracts;

namespace Preau.Web.Modules.UsageStats.Capture;

/// <summary>
/// Counts the pages of each service a signed-in person opened successfully (GET answered 200), by path: one
/// dictionary lookup and a queue write per request, nothing on the database.
/// </summary>
internal static class UsagePageViews
{
    public static async Task CountAsync(HttpContext context, Func<Task> next)
    {
        await next();
        if (!HttpMethods.IsGet(context.Request.Method) || context.Response.StatusCode != StatusCodes.Status200OK
            || context.User.Identity?.IsAuthenticated != true
            || context.Response.ContentType?.StartsWith("text/html", StringComparison.Ordinal) != true)
        {
            return;
        }
        var service = UsageCatalog.ServiceOfPath(context.Request.Path.Value);
        if (service is not null && Guid.TryParse(context.User.FindFirstValue(ClaimTypes.NameIdentifier), out var person))
        {
            context.RequestServices.GetRequiredService<IUsageRecorder>().Record(person, service, UsageCatalog.View);
        }
    }
}
