using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Preau.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LoginBase : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LoginBase",
                table: "accounts_users",
                type: "TEXT",
                maxLength: 100,
                nullable: true,
                computedColumnSql: "rtrim(\"NormalizedUserName\", '0123456789')",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "IX_accounts_users_LoginBase",
                table: "accounts_users",
                column: "LoginBase");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_accounts_users_LoginBase",
                table: "accounts_users");

            migrationBuilder.DropColumn(
                name: "LoginBase",
                table: "accounts_users");
        }
    }
}
