using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.People.Persons;

/// <summary>Shows a login and password just generated, once: reloading the page no longer shows the password.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class CredentialsModel(PreauDbContext db, ScopeAccess scopes, AccessContext context, PeopleAccounts accounts) : PageModel
{
    public IssuedCredentials? Issued { get; private set; }
    public string Name { get; private set; } = "";
    public bool IsPupil { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await scopes.CanManagePersonAsync(id, ct) || !await accounts.MayManageAccountAsync(await context.GetAsync(ct), id, ct))
        {
            return NotFound();
        }
        var person = await (from p in db.Persons.AsNoTracking()
                            join u in db.Users.AsNoTracking() on p.Id equals u.Id
                            where p.Id == id
                            select new { p.FirstName, p.LastName, u.IsPupil }).FirstOrDefaultAsync(ct);
        if (person is null)
        {
            return NotFound();
        }
        Name = $"{person.FirstName} {person.LastName}";
        IsPupil = person.IsPupil;
        var issued = PeopleAccounts.Take(TempData);
        Issued = issued?.PersonId == id ? issued : null;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
