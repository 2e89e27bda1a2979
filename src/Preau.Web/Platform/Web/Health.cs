using Preau.Web.Platform.Data;

namespace Preau.Web.Platform.Web;

internal static class Health
{
    public static void MapHealth(this WebApplication app) =>
        app.MapGet("/healthz", async (PreauDbContext db, CancellationToken ct) =>
        {
            try
            {
                return await db.Database.CanConnectAsync(ct)
                    ? Results.Text("ok")
                    : Results.Text("database unavailable", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return Results.Text("database unavailable", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }).AllowAnonymous().ExcludeFromDescription();
}
