package org.vosportal.service.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GroupUrisTest {

    static final List<String> ACCEPTED = List.of("ivo://opencadc.org/gms", GroupUris.CADC_AUTHORITY);

    @Test
    void aGroupUriMatchesOnlyWithAnAcceptedAuthorityAndTheExactName() {
        Set<String> member = Set.of("team", "lab/sub");
        assertTrue(GroupUris.matches("ivo://opencadc.org/gms?team", member, ACCEPTED));
        assertTrue(GroupUris.matches("ivo://cadc.nrc.ca/gms?team", member, ACCEPTED));
        assertTrue(GroupUris.matches("IVO://OpenCADC.org/gms/?team", member, ACCEPTED), "IVOA ids ignore case");
        assertTrue(GroupUris.matches("ivo://opencadc.org/gms?lab/sub", member, ACCEPTED));
        assertFalse(GroupUris.matches("ivo://evil.example/gms?team", member, ACCEPTED));
        assertFalse(GroupUris.matches("ivo://opencadc.org/gms?sub", member, ACCEPTED), "sub-groups do not merge");
        assertFalse(GroupUris.matches("ivo://opencadc.org/gms?other/team", member, ACCEPTED));
        assertFalse(GroupUris.matches("ivo://opencadc.org/gms?Team", member, ACCEPTED), "names are exact");
        assertFalse(GroupUris.matches("team", member, ACCEPTED), "a bare name has no authority");
    }

    @Test
    void keycloakFullPathsKeepTheirParent() {
        assertEquals("survey-team", GroupUris.claimName("/survey-team"));
        assertEquals("lab/sub", GroupUris.claimName("/lab/sub"));
        assertEquals("sub", GroupUris.claimName("sub"));
    }

    @Test
    void subGroupNamesAreWritableButNotMalformedOnes() {
        assertEquals(List.of("ivo://opencadc.org/gms?lab/sub"), GroupUris.parse("lab/sub", "ivo://opencadc.org/gms"));
        for (String bad : List.of("/lab", "lab/", "lab//sub", "x?bad!name", "ivo://x/gms?")) {
            assertThrows(IllegalArgumentException.class, () -> GroupUris.parse(bad, "ivo://opencadc.org/gms"), bad);
        }
    }
}
