using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.AccountImport.Onde;

/// <summary>
/// The director's ONDE import: upload the two extractions, read the preview, apply. Directors of the
/// school and administrators only; anyone else gets 404.
/// </summary>
[Authorize(Policy = Policies.SchoolStaff)]
[RequestSizeLimit(2 * PendingUploads.MaxBytes + 100_000)]
public sealed class ImportModel(PreauDbContext db, ScopeAccess access, AccessContext context, OndeImport import, PendingUploads uploads) : PageModel
{
    private static readonly string[] FileNames = ["pupils", "guardians"];

    public string SchoolName { get; private set; } = "";
    public ImportReport? Preview { get; private set; }
    public string? Token { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid schoolId) => await LoadAsync(schoolId) ? Page() : NotFound();

    public async Task<IActionResult> OnPostPreviewAsync(Guid schoolId, IFormFile? pupils, IFormFile? guardians, CancellationToken ct)
    {
        if (!await LoadAsync(schoolId))
        {
            return NotFound();
        }
        if (pupils is null || pupils.Length == 0)
        {
            ModelState.AddModelError("pupils", "Choisissez le fichier des élèves (extraction ONDE « Élèves », format CSV).");
        }
        if (guardians is null || guardians.Length == 0)
        {
            ModelState.AddModelError("guardians", "Choisissez le fichier des responsables (extraction ONDE « Responsables », format CSV).");
        }
        if (pupils?.Length > PendingUploads.MaxBytes || guardians?.Length > PendingUploads.MaxBytes)
        {
            ModelState.AddModelError(string.Empty, "Un fichier dépasse 20 Mo : ce n'est pas une extraction ONDE d'une école.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var me = (await context.GetAsync(ct)).PersonId;
        Token = await uploads.SaveAsync(schoolId, me, new Dictionary<string, IFormFile> { ["pupils"] = pupils!, ["guardians"] = guardians! }, ct);
        var files = await uploads.OpenAsync(Token, schoolId, me, FileNames, ct);
        Preview = await import.RunAsync(schoolId, files!["pupils"], files["guardians"], apply: false, me, ct);
        if (Preview.Unusable)
        {
            uploads.Delete(Token);
            Token = null;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostApplyAsync(Guid schoolId, string? token, CancellationToken ct)
    {
        if (!await LoadAsync(schoolId))
        {
            return NotFound();
        }
        var me = (await context.GetAsync(ct)).PersonId;
        var files = await uploads.OpenAsync(token, schoolId, me, FileNames, ct);
        if (files is null)
        {
            ModelState.AddModelError(string.Empty, "Cet aperçu a expiré (plus d'une heure) ou a déjà été appliqué. Déposez à nouveau les deux fichiers.");
            return Page();
        }
        var report = await import.RunAsync(schoolId, files["pupils"], files["guardians"], apply: true, me, ct);
        uploads.Delete(token!);
        if (report.Unusable)
        {
            Preview = report;
            return Page();
        }
        var batchId = await db.ImportBatches.Where(b => b.SchoolId == schoolId).OrderByDescending(b => b.AppliedAt).Select(b => b.Id).FirstAsync(ct);
        return Redirect($"/ecole/{schoolId}/import/{batchId}");
    }

    private async Task<bool> LoadAsync(Guid schoolId)
    {
        if (!await access.CanManageSchoolAsync(schoolId))
        {
            return false;
        }
        SchoolName = await db.Schools.Where(s => s.Id == schoolId).Select(s => s.Name).FirstOrDefaultAsync() ?? "";
        return SchoolName.Length > 0;
    }
}
