using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Preau.Web.Modules.People;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.AccountImport.Letters;

/// <summary>
/// One person's letter, to replace a lost one: the same rule as the password reset (manage the person and
/// their account, never one's own), and the old password stops working.
/// </summary>
[Authorize(Policy = Policies.SchoolStaff)]
public sealed class PersonLetterModel(ScopeAccess scopes, AccessContext context, PeopleAccounts accounts, IConfiguration configuration)
    : LettersPageModel(configuration)
{
    public string Name { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is not { } selection)
        {
            return NotFound();
        }
        var pdf = await Letters.PrintAsync(selection, LoginUrl, context.PersonId, "Person", id, ct: ct);
        return Pdf(pdf, Name);
    }

    private async Task<LetterSelection?> LoadAsync(Guid id, CancellationToken ct)
    {
        var access = await context.GetAsync(ct);
        if (access.PersonId == id || !await scopes.CanManagePersonAsync(id, ct) || !await accounts.MayManageAccountAsync(access, id, ct))
        {
            return null;
        }
        Selection = await Letters.ForPersonAsync(id, ct);
        Name = Selection?.Title ?? "";
        return Selection;
    }
}
