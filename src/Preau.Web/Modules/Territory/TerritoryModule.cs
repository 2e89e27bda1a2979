using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Preau.Web.Modules.Territory;

internal static class TerritoryModule
{
    public static void AddTerritory(this WebApplicationBuilder builder) =>
        // One page creates and edits each structure: the "new" address is a second route of the edit page.
        builder.Services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AddPageRoute("/Territory/Districts/Edit", "admin/circonscriptions/nouvelle");
            o.Conventions.AddPageRoute("/Territory/Authorities/Edit", "admin/collectivites/nouvelle");
            o.Conventions.AddPageRoute("/Territory/Schools/Edit", "admin/ecoles/nouvelle");
            o.Conventions.AddPageRoute("/Territory/Classes/Edit", "ecole/{schoolId:guid}/classes/nouvelle");
        });
}
