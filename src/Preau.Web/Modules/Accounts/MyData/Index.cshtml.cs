using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Accounts.MyData;

/// <summary>
/// Everyone downloads their own data at any time (GDPR right of access); a person who left reaches only this
/// page and logout until their data is deleted.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
[AllowPendingSteps]
[AllowWhenLeft]
public sealed class IndexModel(PreauDbContext db, AccessContext context, TimeProvider time) : PageModel
{
    public DateOnly? LeftOn { get; private set; }
    public DateOnly? DeleteOn { get; private set; }
    public bool HasLeft { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var id = context.PersonId;
        var person = await db.Persons.AsNoTracking().Where(p => p.Id == id).Select(p => new { p.LeftOn, p.DeleteOn }).FirstOrDefaultAsync(ct);
        if (person is null)
        {
            return NotFound();
        }
        (LeftOn, DeleteOn) = (person.LeftOn, person.DeleteOn);
        HasLeft = LeftOn is { } left && left <= Platform.Time.ParisDate.Today(time);
        return Page();
    }

    public async Task<IActionResult> OnGetDownloadAsync([FromServices] PersonalDataExport export, CancellationToken ct)
    {
        if (context.PersonId is not { } id || !await export.WriteAsync(id, id, Response, "mes-donnees-preau.json", ct))
        {
            return NotFound();
        }
        return new EmptyResult();
    }
}
