using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.AccountImport.Onde;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.AccountImport.Staff;

/// <summary>The director's staff import: template, upload, preview, apply. Directors and administrators only.</summary>
[Authorize(Policy = Policies.SchoolStaff)]
[RequestSizeLimit(PendingUploads.MaxBytes + 100_000)]
public sealed class StaffImportPageModel(PreauDbContext db, ScopeAccess access, AccessContext context, StaffImport import, PendingUploads uploads) : PageModel
{
    private static readonly string[] FileNames = ["staff"];

    public string SchoolName { get; private set; } = "";
    public ImportReport? Preview { get; private set; }
    public string? Token { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid schoolId) => await LoadAsync(schoolId) ? Page() : NotFound();

    public async Task<IActionResult> OnGetTemplateAsync(Guid schoolId) =>
        await LoadAsync(schoolId)
            ? File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(StaffImport.Template)).ToArray(), "text/csv", "modele-personnels.csv")
            : NotFound();

    public async Task<IActionResult> OnPostPreviewAsync(Guid schoolId, IFormFile? file, CancellationToken ct)
    {
        if (!await LoadAsync(schoolId))
        {
            return NotFound();
        }
        if (file is null || file.Length == 0 || file.Length > PendingUploads.MaxBytes)
        {
            ModelState.AddModelError("file", "Choisissez le fichier des personnels (CSV, 20 Mo au plus).");
            return Page();
        }
        var me = (await context.GetAsync(ct)).PersonId;
        Token = await uploads.SaveAsync(schoolId, me, new Dictionary<string, IFormFile> { ["staff"] = file }, ct);
        var files = await uploads.OpenAsync(Token, schoolId, me, FileNames, ct);
        Preview = await import.RunAsync(schoolId, files!["staff"], apply: false, me, ct);
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
            ModelState.AddModelError(string.Empty, "Cet aperçu a expiré (plus d'une heure) ou a déjà été appliqué. Déposez à nouveau le fichier.");
            return Page();
        }
        var report = await import.RunAsync(schoolId, files["staff"], apply: true, me, ct);
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
