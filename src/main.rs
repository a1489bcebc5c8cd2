//! The `clientele` command line: parses it and calls the command in `clientele::cli`.

use clap::{Parser, Subcommand};
use clientele::{cli, config::Config, models::access::staff::Role, settings, startup::BoxError};

#[derive(Parser)]
#[command(
    name = "clientele",
    version,
    about = "The Clientele customer-management portal",
    after_help = settings::help()
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the portal (the default).
    #[command(after_help = settings::help())]
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Manage staff accounts.
    Staff {
        #[command(subcommand)]
        command: StaffCommand,
    },
    /// Load the demo data set (staff with each role, a few customers) and print its sign-in.
    Demo,
    /// Write a synthetic data set in the import format (docs/import-format.md) into a directory.
    Generate {
        #[arg(long, default_value_t = 100_000)]
        customers: usize,
        #[arg(long, default_value_t = 1_000_000)]
        orders: usize,
        /// Output directory, created if missing; existing files are overwritten.
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Import customers.csv, addresses.csv and orders.csv (those present) from a directory.
    Import {
        /// The directory holding the files (docs/import-format.md).
        dir: std::path::PathBuf,
    },
}

#[derive(Subcommand)]
enum StaffCommand {
    /// Add a staff account. The password is asked for on the terminal, or read from stdin.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// staff, digital_admin or admin; repeat for several. Every account is also `staff`.
        #[arg(long = "role", value_parser = clap::value_parser!(RoleArg))]
        roles: Vec<RoleArg>,
        /// The account is a salesperson customers can choose.
        #[arg(long)]
        salesperson: bool,
    },
    /// List the staff accounts: email, name, roles, flags and status.
    List,
    /// Set an account's password (recovery when nobody can sign in). The password is asked for
    /// on the terminal, or read from stdin; the account's sessions and links end.
    SetPassword { email: String },
    /// Set an account's roles (besides `staff`, which every account has): digital_admin, admin.
    /// None makes it plain staff. The last active administrator keeps `admin`.
    Roles {
        email: String,
        #[arg(value_parser = clap::value_parser!(RoleArg))]
        roles: Vec<RoleArg>,
        /// Whether customers can choose the account as their salesperson (unchanged if left out).
        #[arg(long)]
        salesperson: Option<bool>,
        /// Whether the account sees only its own customers (unchanged if left out).
        #[arg(long)]
        limited: Option<bool>,
    },
}

#[derive(Clone)]
struct RoleArg(Role);

impl std::str::FromStr for RoleArg {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        s.parse().map(RoleArg)
    }
}

/// `clientele staff …`.
fn staff(config: &Config, command: StaffCommand) -> Result<(), BoxError> {
    let roles_of = |roles: Vec<RoleArg>| -> Vec<Role> { roles.into_iter().map(|r| r.0).collect() };
    match command {
        StaffCommand::Add {
            email,
            name,
            roles,
            salesperson,
        } => cli::staff_add(config, &email, &name, &roles_of(roles), salesperson),
        StaffCommand::List => cli::staff_list(config),
        StaffCommand::SetPassword { email } => cli::staff_set_password(config, &email),
        StaffCommand::Roles {
            email,
            roles,
            salesperson,
            limited,
        } => cli::staff_roles(config, &email, &roles_of(roles), (salesperson, limited)),
    }
}

fn main() {
    clientele::telemetry::init(Config::log_format_from_env());
    let args = Cli::parse();
    let result = match args.command {
        // Needs no database and no configuration.
        Some(Command::Generate {
            customers,
            orders,
            out,
        }) => cli::generate(customers, orders, &out),
        command => Config::from_env()
            .map_err(BoxError::from)
            .and_then(|config| match command {
                None | Some(Command::Serve) => cli::serve(config),
                Some(Command::Migrate) => cli::migrate(&config),
                Some(Command::Staff { command }) => staff(&config, command),
                Some(Command::Demo) => cli::demo(&config),
                Some(Command::Import { dir }) => cli::import(&config, &dir),
                Some(Command::Generate { .. }) => unreachable!("handled above"),
            }),
    };
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
