using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Platform.Data;

namespace Preau.Web.Platform.Bench;

/// <summary>
/// The bare-framework baseline of the load benchmark: 20 rows read with EF Core and written as HTML, with no
/// authentication, layout or localisation. Mapped only when <c>Preau:Bench:Baseline</c> is true (benchmark runs), so
/// that "how fast could this machine serve a page at all" is measured in the same process, on the same database.
/// </summary>
internal static class BaselineEndpoint
{
    public static void MapBenchBaseline(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Preau:Bench:Baseline", false))
        {
            return;
        }
        app.MapGet("/bench/baseline", async (PreauDbContext db, CancellationToken ct) =>
        {
            var rows = await db.Schools.AsNoTracking().OrderBy(s => s.Uai).Take(20).Select(s => new { s.Uai, s.Name, s.City }).ToListAsync(ct);
            var html = new StringBuilder("<!doctype html><html lang=\"fr\"><title>Écoles</title><table>");
            foreach (var r in rows)
            {
                html.Append("<tr><td>").Append(WebUtility.HtmlEncode(r.Uai)).Append("</td><td>").Append(WebUtility.HtmlEncode(r.Name))
                    .Append("</td><td>").Append(WebUtility.HtmlEncode(r.City)).Append("</td></tr>");
            }
            return Results.Content(html.Append("</table></html>").ToString(), "text/html; charset=utf-8");
        }).AllowAnonymous();
    }
}
