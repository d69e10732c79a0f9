package io.socialwire.support;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Map;

import io.socialwire.channels.polling.Cursors;

/** The {@code cursors} store as a map the test reads and seeds. */
public final class MapCursors {

    private MapCursors() {
    }

    /** This instance polls every source (it holds every cursor) unless a test says otherwise. */
    public static Cursors of(Map<String, String> cursors) {
        Cursors mock = mock(Cursors.class);
        when(mock.isPolledHere(anyString())).thenReturn(true);
        when(mock.get(anyString())).thenAnswer(call -> cursors.get(call.getArgument(0, String.class)));
        doAnswer(call -> cursors.put(call.getArgument(0), call.getArgument(1))).when(mock)
                .move(anyString(), anyString());
        return mock;
    }
}
