namespace Preau.Web.Modules.People;

internal static class PeopleModule
{
    public static void AddPeople(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<PeopleAccounts>();
        builder.Services.AddScoped<Annuaire.DirectoryQuery>();
        builder.Services.AddScoped<Contracts.IGroupRoles, Groups.GroupRoles>();
        builder.Services.AddScoped<Groups.GroupService>();
        builder.Services.AddScoped<Groups.GroupServices>();
    }
}
