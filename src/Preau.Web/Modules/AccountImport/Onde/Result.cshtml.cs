using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.AccountImport.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.AccountImport.Onde;

[Authorize(Policy = Policies.SchoolStaff)]
public sealed class ResultModel(PreauDbContext db, ScopeAccess access) : PageModel
{
    public Guid SchoolId { get; private set; }
    public Guid BatchId { get; private set; }
    public DateTime AppliedAt { get; private set; }
    public ImportReport Report { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid schoolId, Guid batchId)
    {
        var batch = await LoadAsync(schoolId, batchId);
        if (batch is null)
        {
            return NotFound();
        }
        Report = JsonSerializer.Deserialize<ImportReport>(batch.ReportJson, ImportReport.Json) ?? new();
        return Page();
    }

    public async Task<IActionResult> OnGetDownloadAsync(Guid schoolId, Guid batchId)
    {
        var batch = await LoadAsync(schoolId, batchId);
        return batch is null
            ? NotFound()
            : File(Encoding.UTF8.GetBytes(batch.ReportJson), "application/json", $"bilan-import-onde-{batch.AppliedAt:yyyy-MM-dd-HHmm}.json");
    }

    private async Task<ImportBatch?> LoadAsync(Guid schoolId, Guid batchId)
    {
        if (!await access.CanManageSchoolAsync(schoolId))
        {
            return null;
        }
        var batch = await db.ImportBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == batchId && b.SchoolId == schoolId);
        if (batch is not null)
        {
            SchoolId = schoolId;
            BatchId = batchId;
            AppliedAt = batch.AppliedAt;
        }
        return batch;
    }
}
