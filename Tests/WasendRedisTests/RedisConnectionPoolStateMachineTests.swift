import Testing
@testable import WasendRedis

@Suite struct RedisConnectionPoolStateMachineTests {
    typealias StateMachine = RedisConnectionPoolStateMachine<String, Int>

    @Test func makesConnectionsLazilyUpToTheBoundThenQueues() {
        var state = StateMachine(maximumConnections: 2, maximumWaitingRequests: 1)
        guard case .makeConnection(let first, 1) = state.leaseConnection(for: 1, id: 1),
            case .makeConnection(let second, 2) = state.leaseConnection(for: 2, id: 2)
        else {
            Issue.record("the first two leases should each make a connection")
            return
        }
        #expect(first != second)
        guard case .wait = state.leaseConnection(for: 3, id: 3) else {
            Issue.record("the third lease should wait")
            return
        }
        guard case .fail(4, let error) = state.leaseConnection(for: 4, id: 4) else {
            Issue.record("the fourth lease should fail: the waiting queue is full")
            return
        }
        #expect(error.kind == .tooManyWaiters)
    }

    @Test func releaseHandsOverToTheOldestWaiterElseKeepsTheConnectionIdle() {
        var state = StateMachine(maximumConnections: 1, maximumWaitingRequests: 10)
        _ = state.leaseConnection(for: 1, id: 1)
        _ = state.leaseConnection(for: 2, id: 2)
        _ = state.leaseConnection(for: 3, id: 3)
        guard case .handOver("c1", 2) = state.releaseConnection("c1") else {
            Issue.record("the oldest waiter should get the connection")
            return
        }
        guard case .handOver("c1", 3) = state.releaseConnection("c1") else {
            Issue.record("the next waiter should get the connection")
            return
        }
        guard case .none = state.releaseConnection("c1") else {
            Issue.record("with no waiter the connection goes idle")
            return
        }
        guard case .use("c1", 4) = state.leaseConnection(for: 4, id: 4) else {
            Issue.record("an idle connection is reused before a new one is made")
            return
        }
    }

    @Test func cancelledWaitersLeaveTheQueue() {
        var state = StateMachine(maximumConnections: 1, maximumWaitingRequests: 10)
        _ = state.leaseConnection(for: 1, id: 1)
        _ = state.leaseConnection(for: 2, id: 2)
        _ = state.leaseConnection(for: 3, id: 3)
        #expect(state.cancelRequest(id: 2) == 2)
        #expect(state.cancelRequest(id: 2) == nil)
        guard case .handOver("c1", 3) = state.releaseConnection("c1") else {
            Issue.record("the cancelled waiter must be skipped")
            return
        }
    }

    @Test func shutdownFailsWaitersAndLaterLeases() {
        var state = StateMachine(maximumConnections: 1, maximumWaitingRequests: 10)
        _ = state.leaseConnection(for: 1, id: 1)
        _ = state.leaseConnection(for: 2, id: 2)
        #expect(state.shutDown() == [2])
        guard case .none = state.releaseConnection("c1") else {
            Issue.record("a released connection is dropped after shutdown")
            return
        }
        guard case .fail(3, let error) = state.leaseConnection(for: 3, id: 3) else {
            Issue.record("leases fail after shutdown")
            return
        }
        #expect(error.kind == .poolShutDown)
    }
}
