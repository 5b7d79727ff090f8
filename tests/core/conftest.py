"""The core tests reuse the plan tests' partnership and plan builders."""

from tests.plans.conftest import (  # noqa: F401 (fixtures reused)
    board,
    build,
    chief_officers,
    child_poverty,
    highland,
    highland_area,
    highland_locality,
    highland_partners,
    highland_zone,
)
