using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TwilioConsole.Core.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class RecordModePostgreSql : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Mode",
                table: "ThankYouTexts",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Mode",
                table: "Messages",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Mode",
                table: "ThankYouTexts");

            migrationBuilder.DropColumn(
                name: "Mode",
                table: "Messages");
        }
    }
}
