namespace Preau.Web.Modules.AccountImport;

internal static class AccountImportModule
{
    public static void AddAccountImport(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<Onde.OndeImport>();
        builder.Services.AddScoped<Staff.StaffImport>();
        builder.Services.AddScoped<Letters.LoginLetters>();
        builder.Services.AddSingleton<Admin.ImportJobs>();
        builder.Services.AddSingleton<Accounts.ProvisionalPasswordHasher>();
        builder.Services.AddSingleton<PendingUploads>();
    }
}
