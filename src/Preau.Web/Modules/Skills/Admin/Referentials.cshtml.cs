using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Skills.Referentials;
using Preau.Web.Platform.Audit;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Skills.Admin;

/// <summary>
/// The skills referentials as data: the administrator reads them (retired items included, marked) and imports an
/// updated JSON. The file is validated entirely before anything is written; errors are listed in French.
/// </summary>
[Authorize(Policy = Policies.TerritoryAdmin)]
public sealed class ReferentialsModel(PreauDbContext db, AccessContext context, SkillsQueries queries, ReferentialImport import, AuditTrail audit) : PageModel
{
    internal IReadOnlyList<ReferentialView> Referentials { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Referentials = await queries.ReferentialsAsync(includeRetired: true, ct);

    /// <summary>The shipped file of a referential, as a model for the administrator's own edits.</summary>
    public IActionResult OnGetModel(string code) =>
        code is "b2i-ecole" or "crcn" ? File(ShippedReferentials.Read(code), "application/json", code + ".json") : NotFound();

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", "Choisissez un fichier JSON de référentiel.");
        }
        else if (file.Length > 512 * 1024)
        {
            ModelState.AddModelError("file", "Le fichier est trop gros (512 Ko au plus).");
        }
        else
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            var (parsed, errors) = ReferentialImport.Parse(buffer.ToArray());
            foreach (var e in errors)
            {
                ModelState.AddModelError("file", e);
            }
            if (parsed is not null)
            {
                // Shipped referentials first, so that an import of the B2i never races their first load.
                await queries.ReferentialsAsync(ct: ct);
                var a = await context.GetAsync(ct);
                var name = await db.Persons.Where(p => p.Id == a.PersonId).Select(p => p.FirstName + " " + p.LastName).FirstOrDefaultAsync(ct);
                audit.Add(a.PersonId, "skills.referential.import", details: parsed.Code);
                var s = await import.ApplyAsync(parsed, name, ct);
                Notice = $"Référentiel « {parsed.Name} » importé (version {s.Version}) : {s.Added} item(s) ajouté(s), {s.Updated} modifié(s), {s.Retired} retiré(s), {s.Restored} rétabli(s).";
                return Redirect("/admin/competences");
            }
        }
        Referentials = await queries.ReferentialsAsync(includeRetired: true, ct);
        return Page();
    }
}
